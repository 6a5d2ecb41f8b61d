"""thidua: administrative-reform emulation and commendation campaigns for Vietnamese public bodies."""
