"""``python -m wasm_closures.benchmarks``: the same as ``wasm-closures bench``."""

import sys

from .command import main

sys.exit(main())
