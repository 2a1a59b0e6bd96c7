import { Browser, BrowserContext, devices } from "@playwright/test";

/** A projector-sized desktop browser: the facilitator's screen. */
export function projector(browser: Browser, locale = "sv-SE"): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1920, height: 1080 }, locale });
}

/** A phone: small touch screen, its own cookies. */
export function phone(browser: Browser, locale = "sv-SE"): Promise<BrowserContext> {
  const pixel = devices["Pixel 7"];
  return browser.newContext({
    viewport: pixel.viewport,
    userAgent: pixel.userAgent,
    deviceScaleFactor: pixel.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    locale,
  });
}
