#!/usr/bin/env python3
"""Build test/fixtures/pandas-covariance.json: pandas' rolling covariance on real candles.

What it does
  Takes the same two scenarios of freqtrade 5-minute candles as make-pandas-fixture.py (ADA's
  40-bar hole and scattered gaps; single-bar gaps on TRX, ZEC, DASH, XMR), outer-joins the
  closes, and stores np.log(df).diff().rolling(W=100, min_periods=20).cov() (ddof 1,
  pairwise-complete rows, the diagonal each symbol's own variance) at the same checkpoints,
  with the input candles as [ts, close] per symbol. The TS test replays the candles into the
  wasm engine and compares the covariances the portfolio-risk rules read; it needs neither
  pandas nor the data folder.

Command (Debian's pandas; the pyenv python on PATH has none):
  apt-get install -y python3-pandas
  /usr/bin/python3 scripts/make-pandas-covariance-fixture.py [DATA_DIR] [OUT_JSON]
  defaults: DATA_DIR=/work/shared/data/freqtrade-5m  OUT_JSON=test/fixtures/pandas-covariance.json
Rerunnable: output depends only on the input files (deterministic, overwritten in place).
"""
import importlib.util
import json
import os
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/freqtrade-5m"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "test", "fixtures", "pandas-covariance.json")

# The scenarios, the candle loader and the window are the correlation fixture's, so the two
# fixtures describe the same market.
spec = importlib.util.spec_from_file_location("corr_fixture", os.path.join(HERE, "make-pandas-fixture.py"))
corr_fixture = importlib.util.module_from_spec(spec)
sys.argv = sys.argv[:1] + [DATA_DIR]
spec.loader.exec_module(corr_fixture)
WINDOW, MIN_PERIODS = corr_fixture.WINDOW, corr_fixture.MIN_PERIODS


def build(sc):
    start, end = corr_fixture.ms(sc["start"]), corr_fixture.ms(sc["end"])
    candles = {s: corr_fixture.load(s, start, end) for s in sc["symbols"]}
    closes = pd.concat(
        [pd.Series({ts: c for ts, c in candles[s]}, name=s, dtype="float64") for s in sc["symbols"]],
        axis=1,
        join="outer",
    ).sort_index()
    cov = np.log(closes).diff().rolling(WINDOW, min_periods=MIN_PERIODS).cov()
    checkpoints = []
    for label, iso in sc["checkpoints"]:
        ts = corr_fixture.ms(iso)
        m = cov.loc[ts].loc[sc["symbols"], sc["symbols"]].to_numpy()
        checkpoints.append({"label": label, "ts": ts, "iso": iso, "matrix": [[corr_fixture.nullable(v) for v in row] for row in m]})
    return {"name": sc["name"], "symbols": sc["symbols"], "candles": candles, "checkpoints": checkpoints}


def main():
    out = {
        "source": "freqtrade/freqtrade tests/testdata/<PAIR>-5m.json (commit 4d3740d4ce02), GPL-3.0; "
                  "slices of closes only",
        "generator": "scripts/make-pandas-covariance-fixture.py",
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "formula": "np.log(outer_joined_closes).diff().rolling(window, min_periods=minPeriods).cov()",
        "window": WINDOW,
        "minPeriods": MIN_PERIODS,
        "scenarios": [build(sc) for sc in corr_fixture.SCENARIOS],
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")
    for sc in out["scenarios"]:
        for cp in sc["checkpoints"]:
            nulls = sum(v is None for row in cp["matrix"] for v in row)
            print(f"  {sc['name']} {cp['iso']} {cp['label']:28s} nulls={nulls:2d} var[0]={cp['matrix'][0][0]}")


if __name__ == "__main__":
    main()
