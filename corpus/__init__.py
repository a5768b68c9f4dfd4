"""The bundled story: five outlets' reports of Kaspersky closing its US business (July 2024).

The ``*.txt`` files are the captures exactly as they were taken, boilerplate included;
``story.json`` holds the metadata the texts themselves reveal. This folder ships inside
the package as ``desktop.corpus`` so an installed Parallax can open it at first launch.
"""
