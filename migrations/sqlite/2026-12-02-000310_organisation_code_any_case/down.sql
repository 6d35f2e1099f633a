DROP INDEX organisations_code_lower;
