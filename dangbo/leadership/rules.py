"""How Party documents are numbered and marked (HD 36-HD/VPTW, 3/4/2018; RULES.md,
"Party documents"), as data.

The symbol after a document's number is the type's abbreviation and the issuing body's:
"Số 12-NQ/HU". The body's abbreviation is the one the organization's report settings
give (configurable there; by default from its name: HU for a district committee), and
"HU" names a district committee, which exists only before 1/7/2025.
"""

# The type abbreviations of HD 36 (sure for NQ, QĐ, CT, KL, HD, BC, KH, TB, CV; the
# others as HD 36's appendix writes them).
KIND_ABBREVIATIONS = {
    "RESOLUTION": "NQ",
    "DECISION": "QĐ",
    "DIRECTIVE": "CT",
    "CONCLUSION": "KL",
    "REGULATION": "QĐi",
    "RULES": "QC",
    "GUIDANCE": "HD",
    "PLAN": "KH",
    "PROGRAM": "CTr",
    "REPORT": "BC",
    "NOTICE": "TB",
    "LETTER": "CV",
    "SUBMISSION": "TTr",
}
SOURCE = "HD 36-HD/VPTW (3/4/2018)"
