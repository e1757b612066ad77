# A Dask worker that can draw the lesson's sections for `render.py batch --scheduler ADDRESS`: the project's
# code and its system packages, nothing else. Build it from the same commit as the client (each job carries
# the client's code version and a worker of other code refuses it).
#   docker build -f examples/worker.Dockerfile -t lesson-video-worker .
#   docker run --rm lesson-video-worker tcp://SCHEDULER-HOST:8786 --nthreads 2
FROM python:3.11-slim-bookworm
WORKDIR /lesson-video
COPY . .
RUN bash scripts/bootstrap-system.sh && python3 -m venv .venv && .venv/bin/pip install --no-cache-dir -e .
ENTRYPOINT [".venv/bin/dask", "worker"]
