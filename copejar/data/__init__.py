"""The person's data, taken out, brought in and deleted: export, import, account deletion,
and the jars as a poster to keep."""
