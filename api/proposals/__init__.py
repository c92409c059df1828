"""Proposals (đề xuất): units propose changes to the criteria; DIC triages them into a draft."""
