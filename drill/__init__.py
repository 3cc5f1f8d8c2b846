"""drill: timed practice for the PyTorch code and concept questions of LLM interviews."""

__version__ = "0.1.0"
