"""Stories stage: near-duplicate detection, streaming story clustering, cross-outlet event merging, digests."""

from __future__ import annotations

from .cluster import ClusterConfig, StoryClusterer, cluster_articles
from .dedup import NearDuplicateDetector, NearDuplicateStage

__all__ = [
    "ClusterConfig",
    "NearDuplicateDetector",
    "NearDuplicateStage",
    "StoryClusterer",
    "cluster_articles",
]
