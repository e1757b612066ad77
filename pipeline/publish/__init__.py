"""`render.py publish`: a lesson's clips copied beside its docs page and embedded between markers."""
