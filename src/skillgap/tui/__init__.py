"""The Textual front end: an App, one module per screen, widgets, and one stylesheet.

UI only: every score comes from `skillgap.core.scoring`, every saved thing from `skillgap.store`.
"""
