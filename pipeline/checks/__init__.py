"""Checks over many functions or sections that draw no video: every claim the lesson makes (`render.py verify`),
the layout of every section (`render.py layout`)."""
