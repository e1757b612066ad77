"""render.py's verbs: each module parses one verb's arguments, calls the stage that does the work and prints."""
