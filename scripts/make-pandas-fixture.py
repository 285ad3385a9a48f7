#!/usr/bin/env python3
"""Build test/fixtures/pandas-freqtrade.json: pandas' rolling correlation on real candles.

What it does
  Reads freqtrade's 5-minute Binance candles (ccxt arrays [ts_ms, o, h, l, c, v]) for two
  ~400-bar scenarios of 5 symbols each:
    ada-hole        ADA/ETH/LTC/TRX/XLM around ADA_BTC's 40-bar hole on 2018-01-15
                    (plus ADA's scattered 1- and 4-bar gaps just before it)
    one-bar-gaps    TRX/ZEC/DASH/XMR/ETH on 2018-01-26..27, where TRX, ZEC, DASH and XMR
                    each miss single bars
  For each scenario it outer-joins the closes (pandas aligns on the union of timestamps),
  takes np.log(df).diff().rolling(W=100, min_periods=20).corr(), and stores the input
  candles as [ts, close] per symbol plus the correlation matrix (null for NaN) and the
  pairwise-complete observation counts at 8 checkpoint timestamps. The TS test replays the
  candles into the wasm engine and compares; it needs neither pandas nor the data folder.

  The slice is cut from each symbol's own candles by time range, so a symbol's missing
  bars stay missing (that is the point). Checkpoints are chosen by bar position in the
  joined grid so they land inside and just after the holes.

Command (Debian's pandas; the pyenv python on PATH has none):
  apt-get install -y python3-pandas
  /usr/bin/python3 scripts/make-pandas-fixture.py [DATA_DIR] [OUT_JSON]
  defaults: DATA_DIR=/work/shared/data/freqtrade-5m  OUT_JSON=test/fixtures/pandas-freqtrade.json
Rerunnable: output depends only on the input files (deterministic, overwritten in place).
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd

WINDOW = 100
MIN_PERIODS = 20
HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/freqtrade-5m"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "test", "fixtures", "pandas-freqtrade.json")


def ms(iso):
    return int(pd.Timestamp(iso, tz="UTC").value // 1_000_000)


SCENARIOS = [
    {
        "name": "ada-hole",
        "symbols": ["ADA_BTC", "ETH_BTC", "LTC_BTC", "TRX_BTC", "XLM_BTC"],
        "start": "2018-01-14T23:00:00Z",
        "end": "2018-01-16T08:15:00Z",  # inclusive, ~400 bars
        # (label, timestamp): inside ADA's hole, its first bar after it, the hole leaving the window
        "checkpoints": [
            ("early-below-min-periods", "2018-01-15T00:10:00Z"),
            ("before-hole-with-small-gaps", "2018-01-15T11:55:00Z"),
            ("inside-hole", "2018-01-15T13:00:00Z"),
            ("last-bar-of-hole", "2018-01-15T14:40:00Z"),
            ("first-bar-after-hole", "2018-01-15T14:45:00Z"),
            ("second-bar-after-hole", "2018-01-15T14:50:00Z"),
            ("hole-leaving-window", "2018-01-15T22:50:00Z"),
            ("end", "2018-01-16T08:15:00Z"),
        ],
    },
    {
        "name": "one-bar-gaps",
        "symbols": ["TRX_BTC", "ZEC_BTC", "DASH_BTC", "XMR_BTC", "ETH_BTC"],
        "start": "2018-01-26T10:00:00Z",
        "end": "2018-01-27T19:15:00Z",
        "checkpoints": [
            ("exactly-min-periods", "2018-01-26T11:40:00Z"),
            ("trx-missing-bar", "2018-01-26T16:45:00Z"),
            ("trx-first-bar-after-gap", "2018-01-26T16:50:00Z"),
            ("trx-second-gap", "2018-01-26T19:25:00Z"),
            ("zec-gap", "2018-01-26T20:30:00Z"),
            ("dash-and-zec-gaps", "2018-01-27T01:00:00Z"),
            ("xmr-gap", "2018-01-27T14:45:00Z"),
            ("end", "2018-01-27T19:15:00Z"),
        ],
    },
]


def load(symbol, start, end):
    with open(os.path.join(DATA_DIR, f"{symbol}-5m.json")) as f:
        rows = json.load(f)
    return [[int(r[0]), float(r[4])] for r in rows if start <= r[0] <= end]


def nullable(x):
    return None if (x is None or not math.isfinite(x)) else float(x)


def build(sc):
    start, end = ms(sc["start"]), ms(sc["end"])
    candles = {s: load(s, start, end) for s in sc["symbols"]}
    closes = pd.concat(
        [pd.Series({ts: c for ts, c in candles[s]}, name=s, dtype="float64") for s in sc["symbols"]],
        axis=1,
        join="outer",
    ).sort_index()
    rets = np.log(closes).diff()
    corr = rets.rolling(WINDOW, min_periods=MIN_PERIODS).corr()  # MultiIndex (ts, symbol)
    present = rets.notna().astype("float64")
    checkpoints = []
    for label, iso in sc["checkpoints"]:
        ts = ms(iso)
        assert ts in closes.index, f"{sc['name']}: checkpoint {iso} is not a grid row"
        m = corr.loc[ts].loc[sc["symbols"], sc["symbols"]].to_numpy()
        # pairwise-complete counts over the same window (pandas' own alignment of both columns)
        pos = closes.index.get_loc(ts)
        win = present.iloc[max(0, pos - WINDOW + 1): pos + 1].to_numpy()
        counts = (win.T @ win).astype(int)
        checkpoints.append({
            "label": label,
            "ts": ts,
            "iso": iso,
            "gridRows": int(pos + 1),
            "matrix": [[nullable(v) for v in row] for row in m],
            "counts": counts.tolist(),
        })
    return {
        "name": sc["name"],
        "symbols": sc["symbols"],
        "candles": candles,
        "checkpoints": checkpoints,
    }


def main():
    out = {
        "source": "freqtrade/freqtrade tests/testdata/<PAIR>-5m.json (commit 4d3740d4ce02), GPL-3.0; "
                  "slices of closes only",
        "generator": "scripts/make-pandas-fixture.py",
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "formula": "np.log(outer_joined_closes).diff().rolling(window, min_periods=minPeriods).corr()",
        "window": WINDOW,
        "minPeriods": MIN_PERIODS,
        "scenarios": [build(sc) for sc in SCENARIOS],
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    size = os.path.getsize(OUT)
    print(f"wrote {OUT} ({size} bytes)")
    for sc in out["scenarios"]:
        print(sc["name"], {s: len(c) for s, c in sc["candles"].items()})
        for cp in sc["checkpoints"]:
            nulls = sum(v is None for row in cp["matrix"] for v in row)
            print(f"  {cp['iso']} {cp['label']:28s} rows={cp['gridRows']:3d} nulls={nulls:2d} counts[0]={cp['counts'][0]}")


if __name__ == "__main__":
    main()
