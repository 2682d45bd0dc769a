"""Accounts: the person's login, role and time zone."""
