"""Orchestration below render.py, as stages over a small ground.

The stages, each a package, import one way (lint-imports keeps it): cli (parse and print) ← batch | publish |
checks ← render (plan, draw, finish, land) ← pages | voice. The ground, which every stage may import: the files
that cross process boundaries (jobs: a section's job and its worker's result; manifest: the lesson folder's
record; keys: what a section's files are made from) and what every stage shares (faults, lock, qualities,
reaper).
"""
