// GraphiQL on fivesoc's own /graphql: queries and mutations over HTTP, subscriptions over
// WebSocket at the same path. Every file the page loads is served by fivesoc itself.
(function () {
  const http = new URL("/graphql", window.location.href);
  const ws = new URL(http);
  ws.protocol = http.protocol === "https:" ? "wss:" : "ws:";
  const fetcher = GraphiQL.createFetcher({ url: http.href, subscriptionUrl: ws.href });
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher }));
})();
