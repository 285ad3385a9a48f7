/** Symbol names ↔ dense ids. A Map, never an object: `__proto__` is a fine ticker. */
export class SymbolTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  id(name: string): number | undefined {
    return this.ids.get(name);
  }

  name(id: number): string {
    return this.names[id];
  }

  /** Records a name the core just assigned `id` to; ids are dense and in insertion order. */
  add(name: string, id: number): void {
    if (id !== this.names.length) throw new Error(`symbol id ${id} out of order (expected ${this.names.length})`);
    this.ids.set(name, id);
    this.names.push(name);
  }

  get size(): number {
    return this.names.length;
  }

  list(): string[] {
    return this.names.slice();
  }
}
