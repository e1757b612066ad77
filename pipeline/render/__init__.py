"""Rendering: the plan of a run, a section drawn by its worker processes and finished into its files, the
files landed in the lesson folder, the whole lesson as one file."""
