"""Privacy-protected statistics over the cases organisations agreed to share.

The app label is ``statistics``; the package lives at ``wayhome.apps.statistics`` and
absolute imports keep Python's own ``statistics`` module reachable.
"""
