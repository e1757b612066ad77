"""Orchestration below render.py: lesson configs, render jobs, post-processing, manifests, reports."""
