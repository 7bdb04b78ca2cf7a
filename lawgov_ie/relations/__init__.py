"""QUANTIFIES relations: link each number to the METRIC it quantifies (rule-based, see ``linker``)."""

from lawgov_ie.relations.linker import link_document, link_quantities

__all__ = ["link_document", "link_quantities"]
