"""Sharing a jar with a therapist: consent grants, their scope, and the log of every view."""
