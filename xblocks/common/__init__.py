"""Code shared by the blocks: mixins and the one seam to edx-platform (``compat``)."""
