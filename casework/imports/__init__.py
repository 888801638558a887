"""Importing partner NGOs' Excel case registers (SPEC §5). A Django app of its own, label
"case_imports", so its models (jobs, saved column mappings, import keys) stay out of casework.models."""
