"""The link stage: events of different documents that report the same occurrence become one
incident, each merge with its score and reasons (DESIGN.md "link").

    from marsad.link import link_batch
    linked = link_batch([(LinkDocument(id="a", published=day), events_a), ...])
    linked.grouping.groups  # event keys, one list per incident
"""

from marsad.link.batch import Linked, incident_labels, link_batch
from marsad.link.compare import Comparison, Reason, compare
from marsad.link.grouping import Constraints, Grouping, cluster
from marsad.link.settings import LinkSettings, default_settings
from marsad.link.signature import LinkDocument, LinkEvent, event_keys, signatures

__all__ = [
    "Comparison", "Constraints", "Grouping", "LinkDocument", "LinkEvent", "LinkSettings",
    "Linked", "Reason", "cluster", "compare", "default_settings", "event_keys",
    "incident_labels", "link_batch", "signatures",
]
