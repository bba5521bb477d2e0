"""The rows behind ecotarget's detail commands: aqi, water and the published-value comparison."""
