"""Text preparation: the clean view the model reads, mapped back to the original text."""

from lawgov_ie.text.view import TextView, build_view, identity_view

__all__ = ["TextView", "build_view", "identity_view"]
