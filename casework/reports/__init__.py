"""Reporting surface (SPEC §3): dashboard, reports, charts, xlsx exports. No models of its own."""
