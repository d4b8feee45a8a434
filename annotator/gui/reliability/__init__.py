"""The reliability room: training and certification rounds against gold."""
