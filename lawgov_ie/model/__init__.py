"""The token-classification encoder: character input, sliding windows, tagging."""
