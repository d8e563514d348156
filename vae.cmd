@echo off
rem Runs the vae command line on the module path, building the project first when needed: on the
rem first run, or when a source, resource or build file is newer than the last build. The Windows
rem twin of ./vae; build\Stale.java holds its rule of staleness.
setlocal
set "root=%~dp0"
set "root=%root:~0,-1%"
set "modules=%root%\vae-app\target\modules"
set "stamp=%root%\vae-app\target\.vae-built"
rem JavaCPP's cache, filled by the build: JVMs that share it never write to it (build\NativeCache.java).
set "natives=%root%\target\javacpp-cache"

java "%root%\build\Stale.java" "%root%" "%stamp%" "%natives%"
if errorlevel 1 (
  echo vae: building the project ^(first run, or sources changed^) ... 1>&2
  call "%root%\mvnw.cmd" -B -q -f "%root%\pom.xml" -DskipTests -Dmaven.source.skip -Dmaven.javadoc.skip install 1>&2
  if errorlevel 1 exit /b 1
  type nul > "%stamp%"
)

rem One OpenMP thread: this model's matrices are small, and ND4J's threads cost more than they give.
if not defined OMP_NUM_THREADS set "OMP_NUM_THREADS=1"
java -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 "-Dorg.bytedeco.javacpp.cachedir=%natives%" %VAE_JAVA_OPTS% ^
  -Djava.awt.headless=true --module-path "%modules%" --add-modules ALL-MODULE-PATH ^
  -m dev.vae.app/dev.vae.app.cli.Main %*
exit /b %errorlevel%
