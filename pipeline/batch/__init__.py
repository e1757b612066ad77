"""The batch of many lessons (`render.py batch`): the batch file, planning and keying every variant, the
section jobs on the local pool or a Dask cluster, the content-addressed store, the index."""
