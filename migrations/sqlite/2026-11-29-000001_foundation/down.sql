DROP TABLE account_tokens;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE organisations;
