"""Stories stage: near-duplicate detection, streaming story clustering, cross-outlet event merging, digests."""

from __future__ import annotations

from .cluster import ClusterConfig, StoryClusterer, cluster_articles
from .dedup import NearDuplicateDetector, NearDuplicateStage
from .digest import build_digest
from .merge import EventMention, MergedEvents, merge_events

__all__ = [
    "ClusterConfig",
    "EventMention",
    "MergedEvents",
    "NearDuplicateDetector",
    "NearDuplicateStage",
    "StoryClusterer",
    "build_digest",
    "cluster_articles",
    "merge_events",
]
