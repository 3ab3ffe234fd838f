-- pandoc Lua filter for tests/test_properties_roundtrip.py: ignores its own input and reads
-- every Word file listed (one path a line) in the file named by CLAUSEKIT_DOCX_LIST, with all
-- tracked changes accepted and then rejected, printing each as plain text (title first, as
-- pandoc reads Word's Title style as metadata) after a line "@@@@ PATH MODE".
function Pandoc(_)
  local out = {}
  for path in io.lines(os.getenv("CLAUSEKIT_DOCX_LIST")) do
    local file = io.open(path, "rb")
    local data = file:read("a")
    file:close()
    for _, mode in ipairs({"accept-changes", "reject-changes"}) do
      local doc = pandoc.read(data, "docx", {track_changes = mode})
      local title = doc.meta.title and pandoc.utils.stringify(doc.meta.title) or ""
      table.insert(out, "\n@@@@ " .. path .. " " .. mode .. "\n" .. title .. "\n\n")
      table.insert(out, pandoc.write(doc, "plain", {wrap_text = "none"}))
    end
  end
  io.write(table.concat(out))
  os.exit(0)
end
