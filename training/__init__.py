"""Training, evaluation and data-building scripts of lawgov_ie (they write pipeline folders and data files)."""
