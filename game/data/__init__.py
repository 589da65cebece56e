"""Scenarios in (YAML, validated with file:line:col), saves in and out."""
