// /docs: Swagger UI from this server's own files (no CDN), started by this file rather than
// an inline script, so the page keeps the same script-src 'self' policy as the dashboard.
window.SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
