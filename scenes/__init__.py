"""Manim scenes, one per lesson section; they read mathcore's analysis and compute no maths."""
