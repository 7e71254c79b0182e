"""The WebAssembly binary format: constants, instruction writers, the module reader and
rewriter, ``dylink.0`` sections, and the value types and signatures of the API."""
