"""The pure-Python encoders: the WASIX closure module (the fallback of the Rust encoder) and
the pooled trampoline modules, sharing one trampoline body."""
