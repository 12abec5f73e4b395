"""Background jobs: long work (allocation rounds, imports and exports, letters) runs in a worker.

The queue is procrastinate on PostgreSQL; in the embedded SQLite demo jobs run in-process. Apps
register what a job kind does in their own ``tasks.py`` (``@register("letting.round_run")``); this
app knows none of them.
"""
