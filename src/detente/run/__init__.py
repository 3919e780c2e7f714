"""Where the pipeline runs, behind one executor interface (:mod:`~detente.run.base`).

:data:`EXECUTORS` maps the ``executor`` setting to a factory taking the settings:

==========  =====================================================================================
``auto``    the pool when it pays (more than one process, a full batch to do), else here
``local``   this process, one document after another (:mod:`~detente.run.local`)
``pool``    supervised worker processes of this machine (:mod:`~detente.run.pool`)
``dask``    a Dask cluster: ``dask_scheduler``, or a LocalCluster (:mod:`~detente.run.cluster`)
==========  =====================================================================================

A new place to run is one module with a class that has ``from_settings`` and ``run`` and one
entry here.
"""

from __future__ import annotations

from detente.errors import SettingError
from detente.run.base import Executor, ExecutorFactory, NotStored, Outcome, Written
from detente.run.cluster import DaskExecutor
from detente.run.local import LocalExecutor
from detente.run.pool import AutoExecutor, PoolExecutor
from detente.settings import Settings

__all__ = [
    "EXECUTORS",
    "AutoExecutor",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "NotStored",
    "Outcome",
    "PoolExecutor",
    "Written",
    "executor_for",
]

#: the ``executor`` setting's choices
EXECUTORS: dict[str, ExecutorFactory] = {
    "auto": AutoExecutor.from_settings,
    "local": LocalExecutor.from_settings,
    "pool": PoolExecutor.from_settings,
    "dask": DaskExecutor.from_settings,
}


def executor_for(settings: Settings) -> Executor:
    """The executor the settings name (``executor``)."""
    name = str(settings["executor"])
    factory = EXECUTORS.get(name)
    if factory is None:
        raise SettingError(f"unknown executor {name!r}; known: {', '.join(EXECUTORS)}")
    return factory(settings)
