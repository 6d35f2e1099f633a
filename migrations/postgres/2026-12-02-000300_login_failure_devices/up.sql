-- Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a failure
-- made with a valid device cookie records the cookie's nonce and counts against that device
-- only; a locked-out device is one with too many such rows in the window.
ALTER TABLE login_failures ADD COLUMN device TEXT;
CREATE INDEX login_failures_device_idx ON login_failures (device, failed_at);
