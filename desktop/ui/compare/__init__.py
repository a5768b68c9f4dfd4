"""The side-by-side comparison: reading panes, fact highlights, the link map between panes, the
overview strip, the facts panel, the coverage matrix and the legend."""
