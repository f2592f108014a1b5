"""The small base below data_pipeline and dashboard: the clock, Dutch formatting, the stores."""
