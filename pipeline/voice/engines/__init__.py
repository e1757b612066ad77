"""The speech engines behind the voice front (pipeline.voice): one module each."""
