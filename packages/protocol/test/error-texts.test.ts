import { afterEach, describe, expect, it } from "vitest";
import { ProtocolError } from "../src/index.js";
import { errorTexts as browserTexts } from "../src/texts.browser.js";
import { errorTexts as nodeTexts } from "../src/texts.js";

describe("#error-texts", () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it("Node always has the readable messages", () => {
    process.env.NODE_ENV = "production";
    expect(nodeTexts()?.handshake("sid")).toBe("Invalid handshake: sid must be a non-empty string");
  });

  it("browser builds have them in development, not in production", () => {
    process.env.NODE_ENV = "development";
    expect(browserTexts()?.payload("ack")).toBe("ACK data must be an array");
    process.env.NODE_ENV = "production";
    expect(browserTexts()).toBeUndefined();
  });

  it("without a text a ProtocolError's message is its code", () => {
    const error = new ProtocolError("INVALID_BASE64", "");
    expect(error.message).toBe("INVALID_BASE64");
    expect(error.code).toBe("INVALID_BASE64");
    expect(new ProtocolError("INVALID_BASE64", "Invalid base64: bad length").message).toBe(
      "Invalid base64: bad length",
    );
  });
});
