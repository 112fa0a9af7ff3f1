"""Scale-out on Dask distributed: a LocalCluster by default, or an existing scheduler."""

from .runner import DaskOptions, run_dask

__all__ = ["DaskOptions", "run_dask"]
