"""The block's template and static loader (its package's files, as the LMS serves them)."""

from xblock.utils.resources import ResourceLoader

loader = ResourceLoader("xblocks.innovation.block")
