"""Files people take away: chart images, slide decks, PDFs and data tables. Never imports streamlit."""
